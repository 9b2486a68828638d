//! Helpers shared by the fuzz targets: turning one fuzz input into several
//! response bodies, and driving the client's (always-ready) page streams
//! without pulling an async runtime into the fuzz build.

use std::future::Future;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

/// Separates the bodies of successive pages inside one input. A control
/// byte, so libFuzzer can learn it and JSON text rarely contains it.
pub const BODY_SEPARATOR: u8 = 0x1e;

/// Most pages one walk may fetch: a hostile `totalPages` must not turn one
/// input into a billion fetches.
pub const MAX_FETCHES: usize = 64;

/// The input's bodies, in order, as the text a transport would hand over.
pub fn bodies(data: &[u8]) -> Vec<String> {
    data.split(|b| *b == BODY_SEPARATOR)
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .collect()
}

/// Run a future whose every await is ready at once, as the fetches built
/// from fuzz input are. Pending would mean a real wait crept in, which no
/// target has, so it is reported loudly instead of spinning.
pub fn block_on<F: Future>(fut: F) -> F::Output {
    let mut fut = pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    for _ in 0..1_000_000 {
        if let Poll::Ready(out) = fut.as_mut().poll(&mut cx) {
            return out;
        }
    }
    panic!("a fuzzed future never became ready");
}

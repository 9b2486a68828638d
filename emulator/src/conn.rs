//! A TCP listener whose connections a handler can reset.
//!
//! Fault injection must be able to "drop the connection without answering"
//! (what a client sees when a load balancer or proxy dies mid-request).
//! Handlers cannot reach the socket, so each accepted connection carries a
//! shared kill flag, handed to handlers as connect info; once set, the next
//! read or write fails and the socket closes with zero linger, which sends
//! a TCP RST instead of an orderly FIN.
//!
//! This module owns the connection wrapper only; it may not look at
//! requests.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};

/// Listener producing [`Conn`]s; sets TCP_NODELAY on every socket because
/// small JSON responses plus Nagle's algorithm add ~40 ms stalls.
#[derive(Debug)]
pub struct KillableListener {
    inner: TcpListener,
}

impl KillableListener {
    /// Wraps a bound listener.
    pub fn new(inner: TcpListener) -> Self {
        KillableListener { inner }
    }
}

/// Per-connection handle given to handlers (as `ConnectInfo<ConnHandle>`).
#[derive(Debug, Clone)]
pub struct ConnHandle {
    /// The client's address.
    pub peer: SocketAddr,
    kill: Arc<AtomicBool>,
}

impl ConnHandle {
    /// Makes the connection fail at its next read or write.
    pub fn reset(&self) {
        self.kill.store(true, Ordering::SeqCst);
    }
}

/// A TCP stream that fails once its kill flag is set.
#[derive(Debug)]
pub struct Conn {
    stream: TcpStream,
    kill: Arc<AtomicBool>,
}

impl Conn {
    /// Checks the kill flag; on the first failure arms the RST.
    fn killed(&self) -> Option<io::Error> {
        if !self.kill.load(Ordering::SeqCst) {
            return None;
        }
        // Zero linger makes the close an immediate RST; it never blocks.
        let _ = self.stream.set_zero_linger();
        Some(io::Error::new(
            io::ErrorKind::ConnectionReset,
            "connection reset by fault injection",
        ))
    }
}

impl Listener for KillableListener {
    type Io = Conn;
    type Addr = ConnHandle;

    async fn accept(&mut self) -> (Conn, ConnHandle) {
        loop {
            match self.inner.accept().await {
                Ok((stream, peer)) => {
                    let _ = stream.set_nodelay(true);
                    let kill = Arc::new(AtomicBool::new(false));
                    let handle = ConnHandle {
                        peer,
                        kill: kill.clone(),
                    };
                    return (Conn { stream, kill }, handle);
                }
                // Out of file descriptors and the like: back off briefly
                // instead of spinning, as axum's own listener does.
                Err(_) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<ConnHandle> {
        Ok(ConnHandle {
            peer: self.inner.local_addr()?,
            kill: Arc::new(AtomicBool::new(false)),
        })
    }
}

impl Connected<IncomingStream<'_, KillableListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, KillableListener>) -> Self {
        stream.remote_addr().clone()
    }
}

impl AsyncRead for Conn {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Some(e) = self.killed() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Conn {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if let Some(e) = self.killed() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().stream).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        if let Some(e) = self.killed() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().stream).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(e) = self.killed() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().stream).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if let Some(e) = self.killed() {
            return Poll::Ready(Err(e));
        }
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}

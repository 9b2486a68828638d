//! Binary entry point: parse flags, bind, announce the address, serve.
//! It may not hold behaviour of its own; everything is in the library.

use std::io::Write;

use zscaler_emulator::cli::{self, Command};

#[tokio::main]
async fn main() {
    let (listen, config) = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Help) => {
            print!("{}", cli::usage());
            return;
        }
        Ok(Command::Run { listen, config }) => (listen, *config),
        Err(msg) => {
            eprintln!("{msg}");
            std::process::exit(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("cannot bind {listen}: {e}");
            std::process::exit(1);
        }
    };
    let addr = listener
        .local_addr()
        .expect("bound listener has an address");
    // Scripts wait for this exact first line, so it must not sit in a buffer.
    let mut out = std::io::stdout();
    let _ = writeln!(out, "listening on http://{addr}");
    let _ = out.flush();

    let shutdown = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    if let Err(e) = zscaler_emulator::serve_with_shutdown(listener, config, shutdown).await {
        eprintln!("server error: {e}");
        std::process::exit(1);
    }
}

use clap::Parser;

// glibc's allocator spent a quarter of a bulk import in malloc/free and in the page faults of
// freeing and re-mapping large buffers; mimalloc reuses them (docs/decisions/0008).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = hiroba::cli::Cli::parse();
    match hiroba::run::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hiroba: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

use clap::Parser;

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

//! The wasm entry point: mounts the app (`cosell::app`) into the page.

fn main() {
    cosell::app::start();
}

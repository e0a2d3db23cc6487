fn main() {
    cosell::app::start();
}

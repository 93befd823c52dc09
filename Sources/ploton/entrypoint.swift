import PlotonCLI

@main enum Entrypoint {
    static func main() async { await PlotonCommand.runFromCommandLine() }
}

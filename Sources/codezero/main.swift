import App

#if canImport(Glibc)
    import Glibc
#endif

// The executable stays thin: every subcommand lives in App.
exit(CommandLineInterface.run(arguments: Array(CommandLine.arguments.dropFirst())))

import Logging
import Pages

/// `codezero worker`: one pool worker on the listening socket inherited as fd 0 (started by `serve`).
enum WorkerCommand {
    static func run(configuration: Configuration) -> Int32 {
        StopSignal.install(restartingCalls: true)
        var logger = Logger(label: "codezero.worker")
        if let generation = configuration.workerGeneration {
            logger[metadataKey: "pool.generation"] = "\(generation)"
        }
        do {
            let services = Services(
                configuration: configuration,
                database: DatabaseTarget(configuration: configuration).connect(application: "codezero-worker"),
                site: try SitePages(baseURL: configuration.publicURL, company: Company(seller: configuration.seller)),
                logger: logger)
            let loop = try WorkerLoop(
                application: Application(services: services), logger: logger, acceptingItself: true)
            return loop.run()
        } catch {
            logger.critical("worker could not start", metadata: ["error": "\(String(reflecting: error))"])
            return 70
        }
    }
}

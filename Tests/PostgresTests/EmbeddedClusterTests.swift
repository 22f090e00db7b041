import Testing
import TestSupport

@testable import Postgres

@Suite struct EmbeddedClusterTests {
    @Test func sharedClusterAnswersOnItsSocketOnly() throws {
        let cluster = try TestCluster.shared()
        #expect(cluster.isRunning())
        let connection = PostgresConnection(cluster.connectionString)
        let rows = try connection.query(
            "SELECT current_database() AS db, current_user AS who, current_setting('listen_addresses') AS listen")
        #expect(try rows[0].string("db") == "codezero")
        #expect(try rows[0].string("who") == "codezero")
        #expect(try rows[0].string("listen") == "")
    }
}

import Domain
import Foundation
import Postgres
import Signing
import Storage

/// `codezero user create --role admin|finance --email ADDRESS`: creates internal staff in the operator
/// company. The password comes from `CODEZERO_USER_PASSWORD` or, when unset, the first line of standard
/// input — never from the command line, where other users could read it in the process list.
enum UserCommand {
    static func run(configuration: Configuration, role: String, email: String, environment: [String: String]) -> Int32 {
        let password =
            environment["CODEZERO_USER_PASSWORD"] ?? readLine(strippingNewline: true) ?? ""
        return CommandLineInterface.createUser(
            connectionString: DatabaseTarget(configuration: configuration).connectionString, email: email, role: role,
            password: password, passwordCostLogN: configuration.passwordCostLogN)
    }

}

extension CommandLineInterface {
    /// Creates a staff user; returns the exit status (0 created, 65 refused input, 69 database problem).
    public static func createUser(
        connectionString: String, email rawEmail: String, role rawRole: String, password: String,
        passwordCostLogN: Int
    ) -> Int32 {
        guard let role = Role(name: rawRole), role.isStaff else {
            Console.err("codezero: --role must be admin or finance")
            return 65
        }
        guard let email = EmailAddress(rawEmail) else {
            Console.err("codezero: --email is not a valid e-mail address")
            return 65
        }
        let connection = PostgresConnection(connectionString, applicationName: "codezero-user")
        defer { connection.close() }
        let store = AccountStore(
            connection: connection, passwordParameters: PasswordHash.Parameters(logN: passwordCostLogN, r: 8, p: 5))
        do {
            switch try store.createStaffUser(email: email, password: password, role: role) {
            case .created(let account):
                Console.out("created \(role.rawValue) \(account.user.email.value) (\(account.user.id.rawValue))")
                return 0
            case .emailTaken:
                Console.err("codezero: a user with this e-mail address exists")
            case .weakPassword(let rejection):
                Console.err(
                    "codezero: password refused: \(Domain.FieldError.Problem.weakPassword(rejection).apiDetail)")
            case .notAStaffRole:
                Console.err("codezero: --role must be admin or finance")
            }
            return 65
        } catch {
            Console.err("codezero: user create failed: \(error)")
            return 69
        }
    }
}

public import Domain
public import Web

extension RegistrationErrors: ProblemConvertible {
    /// 422 with one `errors[]` entry per field problem.
    public var problem: Problem {
        .unprocessable(detail: "Some fields are missing or invalid.", errors: fields.map(\.apiError))
    }
}

extension RateLimit {
    /// New support requests per company: 10 an hour (answers in a thread are not counted).
    public static let supportRequests = RateLimit(limit: 10, window: 3600)
}

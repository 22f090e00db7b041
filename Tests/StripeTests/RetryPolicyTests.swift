import Testing

@testable import Stripe

@Suite struct RetryPolicyTests {
    @Test(arguments: [(1, 0.5), (2, 1.0), (3, 2.0), (4, 4.0), (5, 4.0), (60, 4.0)])
    func backoffDoublesUpToTheMaximum(retry: Int, wait: Double) {
        #expect(RetryPolicy().backoff(beforeRetry: retry) == wait)
    }

    @Test(
        arguments: [
            (200, nil, false), (400, nil, false), (401, nil, false), (402, nil, false), (404, nil, false),
            (409, nil, true), (429, nil, true), (500, nil, true), (502, nil, true), (503, nil, true),
            (500, false, false), (400, true, true), (409, false, false),
        ] as [(Int, Bool?, Bool)])
    func retryableStatuses(status: Int, shouldRetry: Bool?, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(status: status, shouldRetry: shouldRetry) == retryable)
    }
}

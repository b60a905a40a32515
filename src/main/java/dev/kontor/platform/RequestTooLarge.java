package dev.kontor.platform;

/** A request body went over {@code kontor.http.max-request-bytes}: answered with 413. */
class RequestTooLarge extends RuntimeException {
    RequestTooLarge() {
        super("request body over the limit");
    }
}

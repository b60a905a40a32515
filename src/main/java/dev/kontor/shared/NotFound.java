package dev.kontor.shared;

/**
 * Something does not exist, or the current user may not see it: both answer 404, so nobody learns what exists
 * in another client's data.
 */
public class NotFound extends RuntimeException {

    public NotFound(String what) {
        super(what + " not found");
    }
}

package dev.kontor.drafts;

/** The model gave no usable draft; {@code reason} says why in a word the UI translates, {@code detail} in words. */
public class ModelFailed extends RuntimeException {

    public enum Reason {
        TIMEOUT,
        RATE_LIMITED,
        SERVER_ERROR,
        REFUSED,
        GARBAGE,
        UNREACHABLE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Reason reason;

    public ModelFailed(Reason reason, String detail) {
        super(detail);
        this.reason = reason;
    }

    public ModelFailed(Reason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    public String detail() {
        return getMessage();
    }
}

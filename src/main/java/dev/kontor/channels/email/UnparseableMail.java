package dev.kontor.channels.email;

/** Nothing useful could be read from a raw message; the reason is shown in the quarantine. */
public class UnparseableMail extends RuntimeException {

    public UnparseableMail(String reason) {
        super(reason);
    }
}

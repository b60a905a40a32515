package dev.kontor.channels;

/** The outcome of "test connection": each server either answered, or the exact error it gave. */
public record ConnectionCheck(String imapError, String smtpError) {

    public boolean ok() {
        return imapError == null && smtpError == null;
    }
}

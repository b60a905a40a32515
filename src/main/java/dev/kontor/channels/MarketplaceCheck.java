package dev.kontor.channels;

/** The outcome of "test connection" on a marketplace account: ok, or the marketplace's exact error. */
public record MarketplaceCheck(String error) {

    public boolean ok() {
        return error == null;
    }
}

/**
 * Orders beside tickets: a snapshot of each order a ticket is about, as its sales channel reports it, refreshed
 * when the ticket changes or is looked at after a while, and the order actions an agent may take (cancel, refuse
 * lines) through the channel. Channels provide orders through {@link OrderSource}; this module never knows which
 * marketplace is behind one.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"tickets", "accounts", "shared"})
package dev.kontor.orders;

/**
 * A Mirakl seller-API simulator (M10, M11, M12, M13, OR11, OR21, OR29, OR30, OR43) with the field names of
 * Mirakl's OpenAPI document, auth, both paging styles, order states and injectable faults. In memory, on the
 * JDK's HTTP server: tests and benchmarks embed it, the demo runs it, and {@link MiraklSimulator#main} runs it
 * alone. It depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package dev.kontor.simulator;

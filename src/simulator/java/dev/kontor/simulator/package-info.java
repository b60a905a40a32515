/**
 * A Mirakl seller-API simulator (M10, M11, M12, M13, OR11, OR21, OR29, OR30, OR43) with the field names of
 * Mirakl's OpenAPI document, auth, both paging styles, order states and injectable faults. In memory, on the
 * JDK's HTTP server. Test-and-demo code, outside the production jar: tests and benchmarks embed it, the demo finds
 * it as its {@code DemoMarketplaceServer} when {@code ./mvnw spring-boot:run} puts it on the class path, and
 * {@link MiraklSimulator#main} runs it alone.
 */
package dev.kontor.simulator;

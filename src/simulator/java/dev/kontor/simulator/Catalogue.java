package dev.kontor.simulator;

/** Products the simulated marketplaces sell: SKU, title, unit price. */
final class Catalogue {

    private Catalogue() {}

    static final String[][] ITEMS = {
        {"NW-TENT-2P", "Trekking tent Fjell 2P", "249.00"},
        {"NW-BAG-M", "Sleeping bag Polar -10°C, M", "139.90"},
        {"NW-LAMP-USB", "Camping lamp Glimt USB", "29.95"},
        {"NW-JACKET-L", "Rain jacket Skagen, L", "119.00"},
        {"NW-BOOT-42", "Hiking boots Tind, 42", "159.00"},
        {"CB-LAMP-OTT", "Table lamp Ottone, brass", "89.00"},
        {"CB-VASE-BLU", "Ceramic vase Blu Mediterraneo", "45.50"},
        {"CB-CUSH-LIN", "Linen cushion cover, sand", "24.90"},
        {"CB-TOWEL-SET", "Cotton towel set (4)", "39.00"},
        {"CB-CHAIR-RAT", "Rattan chair Amalfi", "210.00"}
    };
}

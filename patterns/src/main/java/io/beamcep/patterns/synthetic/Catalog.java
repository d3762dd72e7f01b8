package io.beamcep.patterns.synthetic;

import java.util.SplittableRandom;

/**
 * A fixed product catalog derived from the seed: each product has an id, a category (id and
 * REES46-style code), a brand and a list price. Product {@code i} belongs to category
 * {@code i % categories}, so "another product of the same category" is a cheap index computation.
 */
final class Catalog {
  private static final String[] CATEGORY_CODES = {
    "electronics.smartphone", "electronics.clocks", "electronics.audio.headphone",
    "electronics.video.tv", "electronics.tablet", "computers.notebook", "computers.desktop",
    "appliances.kitchen.toster", "appliances.kitchen.refrigerators", "appliances.kitchen.washer",
    "appliances.kitchen.meat_grinder", "appliances.environment.vacuum", "apparel.shoes",
    "apparel.shoes.step_ins", "construction.tools.light", "furniture.living_room.sofa",
    "furniture.bedroom.bed", "kids.toys", "sport.bicycle", "auto.accessories.player",
    "accessories.bag", "country_yard.lawn_mower", "medicine.tools.tonometer", "stationery.cartrige"
  };

  /** Typical price per category, in cents, parallel to CATEGORY_CODES. */
  private static final int[] MEDIAN_PRICE_CENTS = {
    25_000, 8_000, 4_000, 45_000, 20_000, 60_000, 55_000, 3_500, 50_000, 35_000, 6_000, 15_000,
    7_000, 5_000, 3_000, 40_000, 30_000, 2_500, 25_000, 9_000, 3_000, 20_000, 4_500, 2_000
  };

  private static final String[] BRANDS = {
    "samsung", "apple", "xiaomi", "huawei", "lenovo", "lg", "sony", "bosch", "hp", "asus",
    "acer", "casio", "intel", "respect", "uragan", "philips", "indesit", "redmond", "tefal",
    "nike", "adidas", "oppo", "vivo", "artel", "polaris", "jbl", "canon", "dell", "haier", "midea"
  };

  private static final long FIRST_PRODUCT_ID = 1_000_000L;

  private final String[] categoryIds = new String[CATEGORY_CODES.length];
  private final String[] productIds;
  private final byte[] brandOfProduct;
  private final int[] listPriceCents;

  Catalog(int products, long seed) {
    SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
    for (int c = 0; c < categoryIds.length; c++) {
      // 19-digit ids like REES46's, distinct per category.
      categoryIds[c] =
          Long.toString(2_053_013_550_000_000_000L + random.nextLong(1L << 40) * 64 + c);
    }
    productIds = new String[products];
    brandOfProduct = new byte[products];
    listPriceCents = new int[products];
    for (int p = 0; p < products; p++) {
      productIds[p] = Long.toString(FIRST_PRODUCT_ID + p);
      brandOfProduct[p] = (byte) random.nextInt(BRANDS.length);
      // Log-normal around the category's median: a few cheap, a few very expensive items.
      double factor = Math.exp(gaussian(random) * 0.6);
      long cents = Math.round(MEDIAN_PRICE_CENTS[category(p)] * factor);
      listPriceCents[p] = (int) Math.max(99, Math.min(cents, 5_000_000));
    }
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller; SplittableRandom has no nextGaussian before Java 17's RandomGenerator default.
    double u1 = 1.0 - random.nextDouble();
    double u2 = random.nextDouble();
    return Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  int size() {
    return productIds.length;
  }

  int categories() {
    return CATEGORY_CODES.length;
  }

  int category(int product) {
    return product % CATEGORY_CODES.length;
  }

  String productId(int product) {
    return productIds[product];
  }

  String categoryId(int product) {
    return categoryIds[category(product)];
  }

  String categoryCode(int product) {
    return CATEGORY_CODES[category(product)];
  }

  String brand(int product) {
    return BRANDS[brandOfProduct[product]];
  }

  int listPriceCents(int product) {
    return listPriceCents[product];
  }
}

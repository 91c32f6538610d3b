package com.acme.shop;

import java.math.BigDecimal;

public record CartLine(String sku, BigDecimal price) {}

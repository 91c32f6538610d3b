package com.acme.shop;

import java.math.BigDecimal;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class PriceRepository {
    private final JdbcTemplate jdbc;

    public PriceRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public BigDecimal priceOf(String sku) {
        BigDecimal price = jdbc.queryForObject("SELECT price FROM prices WHERE sku = ?", BigDecimal.class, sku);
        return price == null ? BigDecimal.ZERO : price;
    }
}

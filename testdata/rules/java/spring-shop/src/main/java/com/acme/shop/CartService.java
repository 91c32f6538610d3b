package com.acme.shop;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

@Service
public class CartService {
    private static final Logger log = LoggerFactory.getLogger(CartService.class);
    private final PriceRepository prices;
    private final Map<String, BigDecimal> discounts = new ConcurrentHashMap<>();
    private final String currency;

    public CartService(PriceRepository prices, @Value("${shop.currency}") String currency) {
        this.prices = prices;
        this.currency = currency; // ok: constructor injection
    }

    public CartResponse add(CartRequest req) {
        List<CartLine> lines = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (String sku : req.skus()) {
            BigDecimal p = prices.priceOf(sku);
            discounts.merge(sku, p, BigDecimal::add); // ok: a ConcurrentHashMap in a singleton bean
            lines.add(new CartLine(sku, p)); // ok: a per-request list
            total = total.add(p);
        }
        log.info("cart for {} has {} lines", req.userId(), lines.size());
        return new CartResponse(req.userId(), lines, total, currency);
    }
}

package com.acme.shop;

import java.math.BigDecimal;
import java.util.List;

public record CartResponse(String userId, List<CartLine> lines, BigDecimal total, String currency) {
    public CartResponse {
        lines = List.copyOf(lines); // ok: a compact constructor normalising its parameter
        if (total == null) {
            total = BigDecimal.ZERO; // ok: a record parameter, not a field
        }
    }
}

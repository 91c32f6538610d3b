package com.acme.shop;

import java.util.function.Function;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class ShopApplication {
    private final CartService carts;

    public ShopApplication(CartService carts) {
        this.carts = carts; // ok: constructor injection of a final field
    }

    @Bean
    public Function<CartRequest, CartResponse> addToCart() {
        return req -> carts.add(req);
    }
}

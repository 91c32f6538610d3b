package com.acme.shop;

import java.util.List;

public record CartRequest(String userId, List<String> skus) {}

package com.acme;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

public class Modern implements RequestHandler<Modern.Order, String> {
    public record Order(String id, List<Line> lines) {
        public Order {
            lines = List.copyOf(lines); // ok: a record's compact constructor reassigns its parameter
        }
    }

    public record Line(String sku, int qty) {}

    public sealed interface Shape permits Circle, Square {}
    public record Circle(double r) implements Shape {}
    public record Square(double side) implements Shape {}

    private static final String QUERY = """
        SELECT id, total
        FROM orders
        WHERE id = ?
        """;
    private static int processed;
    private static <T, R> Map<T, List<R>> group(List<R> in, Function<? super R, ? extends T> key) {
        return in.stream().collect(Collectors.groupingBy(key));
    }

    @Override
    public String handleRequest(Order order, Context context) {
        var byQty = group(order.lines(), Line::qty); // ok: generics and method references parse
        double area = switch (pick(order)) {
            case Circle c -> Math.PI * c.r() * c.r();
            case Square s -> s.side() * s.side();
        };
        if (order instanceof Order(var id, var lines) && !lines.isEmpty()) {
            processed++; // want "LMI001"
        }
        return QUERY + byQty + area;
    }

    private static Shape pick(Order o) {
        return o.lines().isEmpty() ? new Circle(1) : new Square(2);
    }
}

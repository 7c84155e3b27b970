package dev.retort.introspect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real connection that counts the statements run through it (executeQuery, execute...): how tests
 * show that introspection runs the same few queries whatever the number of tables. It forwards
 * everything to the real driver; nothing is simulated.
 */
final class CountingConnection {

    private final AtomicInteger queries = new AtomicInteger();
    private final Connection connection;

    CountingConnection(Connection real) {
        this.connection = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, forward(real, (method, result) -> {
                    if (result instanceof PreparedStatement prepared) {
                        return counting(prepared, PreparedStatement.class);
                    }
                    if (result instanceof Statement statement) {
                        return counting(statement, Statement.class);
                    }
                    return result;
                }));
    }

    Connection connection() {
        return connection;
    }

    int queries() {
        return queries.get();
    }

    private <T> T counting(T statement, Class<T> type) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                forward(statement, (method, result) -> result, method -> method.startsWith("execute"))));
    }

    private interface Wrap {
        Object apply(java.lang.reflect.Method method, Object result);
    }

    private InvocationHandler forward(Object target, Wrap wrap) {
        return forward(target, wrap, name -> false);
    }

    private InvocationHandler forward(Object target, Wrap wrap, java.util.function.Predicate<String> counted) {
        return (proxy, method, args) -> {
            if (counted.test(method.getName())) {
                queries.incrementAndGet();
            }
            try {
                return wrap.apply(method, method.invoke(target, args));
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
    }
}

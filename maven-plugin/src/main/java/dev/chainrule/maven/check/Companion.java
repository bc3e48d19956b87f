package dev.chainrule.maven.check;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The generated companion, by reflection: its methods by exact parameter types, its nested records,
 * adjoints and workspaces, their components and public fields. A call that throws becomes an
 * {@link IllegalStateException} naming the derivative and the point (the method's check then fails).
 */
final class Companion {
  final Class<?> type;
  private final Subject subject;

  Companion(Class<?> type, Subject subject) {
    this.type = type;
    this.subject = subject;
  }

  /** The public static method {@code name(types)}, or null. */
  Method form(String name, Class<?>... types) {
    try {
      return type.getMethod(name, types);
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  /** Why {@code form(name, types)} is null, for the unchecked list. */
  static String noForm(String name, Class<?>... types) {
    return "the companion has no " + name + "(" + Arrays.stream(types).map(Class::getSimpleName).collect(Collectors.joining(", "))
        + ") to check";
  }

  Class<?> nested(String simple) {
    for (Class<?> nested : type.getClasses()) {
      if (nested.getSimpleName().equals(simple)) {
        return nested;
      }
    }
    throw new IllegalStateException(type.getName() + " has no public nested class " + simple);
  }

  static Object newInstance(Class<?> type) {
    try {
      Constructor<?> c = type.getConstructor();
      return c.newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot make a " + type.getSimpleName() + ": " + e, e);
    }
  }

  Object invoke(Method method, String derivative, Object[] args, Object[] call) {
    try {
      return method.invoke(null, call);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException(derivative + "(" + subject.describe(args) + ") threw " + e.getCause(), e.getCause());
    } catch (IllegalAccessException | IllegalArgumentException e) {
      throw new IllegalStateException(derivative + " cannot be called: " + e, e);
    }
  }

  /** A record's component. */
  static Object component(Object record, String name, String derivative) {
    try {
      return record.getClass().getMethod(name).invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(derivative + "'s result has no component " + name, e);
    }
  }

  /** A public field. */
  static Object field(Object target, String name) {
    try {
      return target.getClass().getField(name).get(target);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(target.getClass().getSimpleName() + " has no public field " + name, e);
    }
  }

  static void set(Object target, String name, Object value) {
    try {
      target.getClass().getField(name).set(target, value);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(target.getClass().getSimpleName() + " has no public field " + name, e);
    }
  }
}

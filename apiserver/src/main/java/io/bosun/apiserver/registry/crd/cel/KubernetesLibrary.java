package io.bosun.apiserver.registry.crd.cel;

import static dev.cel.common.CelOverloadDecl.newMemberOverload;

import com.google.common.primitives.UnsignedLong;
import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.TypeParamType;
import dev.cel.runtime.CelFunctionBinding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The functions Kubernetes adds to CEL for validation rules that cel-java's standard extensions do
 * not have: the list library ({@code isSorted}, {@code sum}, {@code min}, {@code max}, {@code
 * indexOf}, {@code lastIndexOf}) and the regex library ({@code find}, {@code findAll}).
 */
final class KubernetesLibrary {
  private static final TypeParamType T = TypeParamType.create("T");
  private static final ListType LIST_T = ListType.create(T);
  private static final List<CelType> SUMMABLE =
      List.of(SimpleType.INT, SimpleType.UINT, SimpleType.DOUBLE, SimpleType.DURATION);

  private KubernetesLibrary() {}

  /** The declarations, for the compiler. */
  static List<CelFunctionDecl> declarations() {
    List<CelFunctionDecl> decls = new ArrayList<>();
    decls.add(
        CelFunctionDecl.newFunctionDeclaration(
            "isSorted", newMemberOverload("k8s_list_is_sorted", SimpleType.BOOL, LIST_T)));
    List<CelOverloadDecl> sums = new ArrayList<>();
    for (CelType type : SUMMABLE) {
      sums.add(newMemberOverload("k8s_list_sum_" + type.name(), type, ListType.create(type)));
    }
    decls.add(CelFunctionDecl.newFunctionDeclaration("sum", sums));
    decls.add(
        CelFunctionDecl.newFunctionDeclaration(
            "min", newMemberOverload("k8s_list_min", T, LIST_T)));
    decls.add(
        CelFunctionDecl.newFunctionDeclaration(
            "max", newMemberOverload("k8s_list_max", T, LIST_T)));
    decls.add(
        CelFunctionDecl.newFunctionDeclaration(
            "indexOf", newMemberOverload("k8s_list_index_of", SimpleType.INT, LIST_T, T)));
    decls.add(
        CelFunctionDecl.newFunctionDeclaration(
            "lastIndexOf", newMemberOverload("k8s_list_last_index_of", SimpleType.INT, LIST_T, T)));
    decls.add(
        CelFunctionDecl.newFunctionDeclaration(
            "find",
            newMemberOverload(
                "k8s_string_find", SimpleType.STRING, SimpleType.STRING, SimpleType.STRING)));
    decls.add(
        CelFunctionDecl.newFunctionDeclaration(
            "findAll",
            newMemberOverload(
                "k8s_string_find_all",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING),
            newMemberOverload(
                "k8s_string_find_all_n",
                ListType.create(SimpleType.STRING),
                SimpleType.STRING,
                SimpleType.STRING,
                SimpleType.INT)));
    return decls;
  }

  /** The implementations, for the runtime. */
  static List<CelFunctionBinding> bindings() {
    List<CelFunctionBinding> bindings = new ArrayList<>();
    bindings.add(
        CelFunctionBinding.from("k8s_list_is_sorted", List.class, KubernetesLibrary::sorted));
    for (CelType type : SUMMABLE) {
      bindings.add(
          CelFunctionBinding.from("k8s_list_sum_" + type.name(), List.class, l -> sum(l, type)));
    }
    bindings.add(CelFunctionBinding.from("k8s_list_min", List.class, l -> extreme(l, -1)));
    bindings.add(CelFunctionBinding.from("k8s_list_max", List.class, l -> extreme(l, 1)));
    bindings.add(
        CelFunctionBinding.from(
            "k8s_list_index_of", List.class, Object.class, (l, x) -> (long) l.indexOf(x)));
    bindings.add(
        CelFunctionBinding.from(
            "k8s_list_last_index_of", List.class, Object.class, (l, x) -> (long) l.lastIndexOf(x)));
    bindings.add(
        CelFunctionBinding.from(
            "k8s_string_find",
            String.class,
            String.class,
            (s, regex) -> {
              Matcher m = Pattern.compile(regex).matcher(s);
              return m.find() ? m.group() : "";
            }));
    bindings.add(
        CelFunctionBinding.from(
            "k8s_string_find_all", String.class, String.class, (s, r) -> findAll(s, r, -1)));
    bindings.add(
        CelFunctionBinding.from(
            "k8s_string_find_all_n",
            List.of(String.class, String.class, Long.class),
            args -> findAll((String) args[0], (String) args[1], (Long) args[2])));
    return bindings;
  }

  private static boolean sorted(List<?> list) {
    for (int i = 1; i < list.size(); i++) {
      if (compare(list.get(i - 1), list.get(i)) > 0) {
        return false;
      }
    }
    return true;
  }

  private static Object sum(List<?> list, CelType type) {
    if (type == SimpleType.DOUBLE) {
      return list.stream().mapToDouble(x -> ((Number) x).doubleValue()).sum();
    }
    if (type == SimpleType.DURATION) {
      long seconds = 0;
      long nanos = 0;
      for (Object x : list) {
        seconds += ((Duration) x).getSeconds();
        nanos += ((Duration) x).getNanos();
      }
      java.time.Duration total = java.time.Duration.ofSeconds(seconds, nanos);
      return Duration.newBuilder().setSeconds(total.getSeconds()).setNanos(total.getNano()).build();
    }
    long total = 0;
    for (Object x : list) {
      total = Math.addExact(total, ((Number) x).longValue());
    }
    return type == SimpleType.UINT ? UnsignedLong.fromLongBits(total) : total;
  }

  private static Object extreme(List<?> list, int sign) {
    if (list.isEmpty()) {
      throw new IllegalArgumentException((sign < 0 ? "min" : "max") + " called on empty list");
    }
    Object best = list.get(0);
    for (Object x : list) {
      if (Integer.signum(compare(x, best)) == sign) {
        best = x;
      }
    }
    return best;
  }

  private static List<String> findAll(String s, String regex, long limit) {
    List<String> found = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(s);
    while ((limit < 0 || found.size() < limit) && m.find()) {
      found.add(m.group());
    }
    return found;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compare(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && a.getClass() != b.getClass()) {
      return Double.compare(x.doubleValue(), y.doubleValue());
    }
    if (a instanceof ByteString x && b instanceof ByteString y) {
      return ByteString.unsignedLexicographicalComparator().compare(x, y);
    }
    if (a instanceof Timestamp x && b instanceof Timestamp y) {
      return Comparator.comparingLong(Timestamp::getSeconds)
          .thenComparingInt(Timestamp::getNanos)
          .compare(x, y);
    }
    if (a instanceof Duration x && b instanceof Duration y) {
      return Comparator.comparingLong(Duration::getSeconds)
          .thenComparingInt(Duration::getNanos)
          .compare(x, y);
    }
    if (a instanceof Comparable x) {
      return x.compareTo(b);
    }
    throw new IllegalArgumentException("no such overload: values of this type are not ordered");
  }
}

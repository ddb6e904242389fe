import com.fasterxml.jackson.databind.*;
import com.fasterxml.jackson.databind.node.*;
import java.io.*;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.*;
import org.apache.kafka.common.protocol.*;

/**
 * Reads sample messages (one JSON object per line: cls, version, data, ...) and prints each line back
 * with `kafkaHex`: the bytes kafka-clients writes for `data` at `version`. See README.md.
 */
public class Golden {
  static JsonNode fix(JsonNode n) {
    if (n.isObject()) {
      if (n.has("$bytes")) return TextNode.valueOf(n.get("$bytes").asText());
      ObjectNode o = (ObjectNode) n;
      Iterator<String> it = o.fieldNames();
      List<String> names = new ArrayList<>();
      it.forEachRemaining(names::add);
      for (String k : names) o.set(k, fix(o.get(k)));
      return o;
    }
    if (n.isArray()) {
      ArrayNode a = (ArrayNode) n;
      for (int i = 0; i < a.size(); i++) a.set(i, fix(a.get(i)));
      return a;
    }
    return n;
  }

  public static void main(String[] args) throws Exception {
    ObjectMapper m = new ObjectMapper();
    BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
    System.setOut(stdout);
    String line;
    while ((line = r.readLine()) != null) {
      JsonNode n = m.readTree(line);
      String cls = n.get("cls").asText();
      short v = (short) n.get("version").asInt();
      try {
        Class<?> conv = Class.forName("org.apache.kafka.common.message." + cls + "JsonConverter");
        Message msg = (Message) conv.getMethod("read", JsonNode.class, short.class).invoke(null, fix(n.get("data").deepCopy()), v);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = msg.size(cache, v);
        ByteBuffer buf = ByteBuffer.allocate(size);
        msg.write(new ByteBufferAccessor(buf), cache, v);
        ObjectNode out = (ObjectNode) n;
        out.remove("cls");
        out.put("kafkaHex", HexFormat.of().formatHex(buf.array()));
        System.out.println(m.writeValueAsString(out));
      } catch (Throwable t) {
        Throwable c = t.getCause() != null ? t.getCause() : t;
        throw new IllegalStateException(cls + " v" + v + ": " + c, c);
      }
    }
  }
}

package dev.cowatch.server;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A request's client address is read in one place: {@link CowatchServer} installs
 * {@code TrustedProxies.clientAddress} as Javalin's {@code ctx.ip()}, and everything else asks
 * {@code ctx.ip()}. A class that read the servlet's remote address itself would count a proxy as the
 * client again (issue 51, finding 6). The connection guard, which counts TCP peers before any request
 * exists, reads Jetty's end points, not a request.
 */
class ClientAddressSourcesTest {
  private static final Set<String> REQUEST_ADDRESS_READS = Set.of("getRemoteAddr", "getRemoteHost", "getRemotePort");

  @Test
  void onlyCowatchServer_readsARequestsRemoteAddress() {
    JavaClasses server = ServerClasses.main();
    noClasses().that().resideInAPackage("dev.cowatch.server..").and().doNotBelongToAnyOf(CowatchServer.class)
        .should().callMethodWhere(new DescribedPredicate<JavaMethodCall>("read a request's remote address") {
          @Override
          public boolean test(JavaMethodCall call) {
            return REQUEST_ADDRESS_READS.contains(call.getName())
                && call.getTargetOwner().isAssignableTo("jakarta.servlet.ServletRequest");
          }
        })
        .because("the client address is ctx.ip(), which reads X-Forwarded-For from trusted proxies only")
        .check(server);
  }
}

package dev.cowatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class NginxServerTest {
  @Test
  void config_listensOnLoopbackOnly_sendsFiles_andWritesOnlyUnderItsDirectory() {
    String conf = NginxServer.config(Path.of("/tmp/b/nginx"), 41234, Path.of("/tmp/b"));
    assertThat(conf).contains("listen 127.0.0.1:41234;", "sendfile on;", "access_log off;", "daemon off;",
        "worker_processes auto;", "root /tmp/b;", "pid /tmp/b/nginx/nginx.pid;", "error_log /tmp/b/nginx/error.log");
    for (String temp : new String[] {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"}) {
      assertThat(conf).contains(temp + "_temp_path /tmp/b/nginx/" + temp + ";");
    }
    assertThat(conf).doesNotContain("/var/", "/etc/", "/run/");
  }
}

# Sourced: start_lab_devices DIR starts eight IoT "devices" on loopback, each
# on its own address, one with a default or no credential and one with it
# changed for every service the probes know:
#   127.0.0.21 mqtt-open      mosquitto, anonymous clients allowed (1883)
#   127.0.0.22 mqtt-locked    mosquitto, a password file (1883)
#   127.0.0.23 snmp-public    snmpd, community 'public' (161/udp)
#   127.0.0.24 snmp-private   snmpd, a community of its own (161/udp)
#   127.0.0.25 http-default   nginx, Basic authentication admin/12345 (18080)
#   127.0.0.26 http-changed   nginx, Basic authentication, a strong password
#   127.0.0.27 ftp-default    pyftpdlib, svc/cam-default-7391: the vendor's
#                             default, listed only in LAB_VENDOR_CREDENTIALS
#   127.0.0.28 ftp-changed    pyftpdlib, admin with a strong password (12121)
#   127.0.0.29 ssh-default    OpenSSH sshd, pi/raspberry (2222)
#   127.0.0.30 ssh-changed    OpenSSH sshd, pi with a strong password (2222)
# Each sshd runs in a mount namespace of its own, where /etc/passwd and
# /etc/shadow are copies with its 'pi' added: the machine never has the
# account.
# It sets LAB_PIDS (stop_lab_devices kills them), LAB_REGISTER (a registers
# YAML of the ten), LAB_VENDOR_CREDENTIALS and LAB_SECRETS (every password
# and community above, which no output may show). Needs root (snmpd on 161,
# nmap -sU); lab_devices_missing names what is not installed.
LAB_ADDRESSES=(127.0.0.21 127.0.0.22 127.0.0.23 127.0.0.24 127.0.0.25 127.0.0.26 127.0.0.27 127.0.0.28
  127.0.0.29 127.0.0.30)
LAB_SECRETS=(V3ry-long-broker-pass k7Qz-cctv-ro 12345 Str0ng-and-long-admin cam-default-7391 Str0ng-ftp-pass
  raspberry Str0ng-ssh-pass-30)

lab_devices_missing() {
  local tool
  for tool in mosquitto mosquitto_passwd snmpd nginx openssl nmap /usr/sbin/sshd ssh-keygen unshare; do
    command -v "$tool" >/dev/null || { echo "$tool"; return; }
  done
  /usr/bin/python3 -c 'import pyftpdlib' 2>/dev/null || echo "python3-pyftpdlib"
}

lab_wait_tcp() {  # ADDRESS PORT
  for _ in $(seq 100); do
    (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null && return 0
    sleep 0.05
  done
  echo "lab: nothing listens on $1:$2" >&2
  return 1
}

start_lab_devices() {
  local dir=$1
  mkdir -p "$dir/www" "$dir/tmp" "$dir/snmp23" "$dir/snmp24"
  LAB_PIDS=()
  cat >"$dir/mqtt-open.conf" <<CONF
listener 1883 127.0.0.21
allow_anonymous true
user root
CONF
  mosquitto_passwd -c -b "$dir/mqtt.passwd" sensor 'V3ry-long-broker-pass' >/dev/null
  cat >"$dir/mqtt-locked.conf" <<CONF
listener 1883 127.0.0.22
allow_anonymous false
password_file $dir/mqtt.passwd
user root
CONF
  mosquitto -c "$dir/mqtt-open.conf" >"$dir/mqtt-open.log" 2>&1 &
  LAB_PIDS+=($!)
  mosquitto -c "$dir/mqtt-locked.conf" >"$dir/mqtt-locked.log" 2>&1 &
  LAB_PIDS+=($!)
  local n community
  for n in 23 24; do
    community=public
    [[ $n == 24 ]] && community=k7Qz-cctv-ro
    printf 'agentAddress udp:127.0.0.%s:161\nrocommunity %s 127.0.0.0/8\nsysDescr lab device %s\n' \
      "$n" "$community" "$n" >"$dir/snmp$n.conf"
    MIBS= SNMP_PERSISTENT_DIR="$dir/snmp$n" snmpd -f -Lf "$dir/snmp$n.log" -C -c "$dir/snmp$n.conf" \
      -p "$dir/snmp$n.pid" -I -smux,mteTrigger,mteTriggerConf &
    LAB_PIDS+=($!)
  done
  echo "admin page" >"$dir/www/index.html"
  printf 'admin:%s\n' "$(openssl passwd -apr1 12345)" >"$dir/http-default.htpasswd"
  printf 'admin:%s\n' "$(openssl passwd -apr1 'Str0ng-and-long-admin')" >"$dir/http-changed.htpasswd"
  cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
user root;  # its workers read the password files of a private directory
pid $dir/nginx.pid;
error_log $dir/nginx.err;
daemon off;
events { worker_connections 64; }
http {
  access_log off;
  client_body_temp_path $dir/tmp; proxy_temp_path $dir/tmp; fastcgi_temp_path $dir/tmp;
  uwsgi_temp_path $dir/tmp; scgi_temp_path $dir/tmp;
  server { listen 127.0.0.25:18080; root $dir/www; auth_basic camera; auth_basic_user_file $dir/http-default.htpasswd; }
  server { listen 127.0.0.26:18080; root $dir/www; auth_basic camera; auth_basic_user_file $dir/http-changed.htpasswd; }
}
CONF
  nginx -c "$dir/nginx.conf" -e "$dir/nginx.err" &
  LAB_PIDS+=($!)
  cat >"$dir/ftp.py" <<'PY'
import sys
from pyftpdlib.authorizers import DummyAuthorizer
from pyftpdlib.handlers import FTPHandler
from pyftpdlib.servers import FTPServer
address, port, user, password, home = sys.argv[1], int(sys.argv[2]), *sys.argv[3:6]
authorizer = DummyAuthorizer()
authorizer.add_user(user, password, home)
FTPHandler.authorizer = authorizer
FTPHandler.auth_failed_timeout = 0
FTPServer((address, port), FTPHandler).serve_forever()
PY
  /usr/bin/python3 "$dir/ftp.py" 127.0.0.27 12121 svc cam-default-7391 "$dir/www" >"$dir/ftp27.log" 2>&1 &
  LAB_PIDS+=($!)
  /usr/bin/python3 "$dir/ftp.py" 127.0.0.28 12121 admin Str0ng-ftp-pass "$dir/www" >"$dir/ftp28.log" 2>&1 &
  LAB_PIDS+=($!)
  local n password
  mkdir -p /run/sshd  # sshd's privilege separation directory, as its service makes it
  for n in 29 30; do
    password=raspberry
    [[ $n == 30 ]] && password=Str0ng-ssh-pass-30
    mkdir -p "$dir/ssh$n"
    grep -v '^pi:' /etc/passwd >"$dir/ssh$n/passwd"
    echo 'pi:x:4242:4242:lab device:/nonexistent:/usr/sbin/nologin' >>"$dir/ssh$n/passwd"
    grep -v '^pi:' /etc/shadow >"$dir/ssh$n/shadow"
    echo "pi:$(openssl passwd -6 "$password"):20000:0:99999:7:::" >>"$dir/ssh$n/shadow"
    chmod 640 "$dir/ssh$n/shadow"
    ssh-keygen -q -t ed25519 -N '' -f "$dir/ssh$n/host_key"
    cat >"$dir/ssh$n/sshd_config" <<CONF
ListenAddress 127.0.0.$n:2222
HostKey $dir/ssh$n/host_key
PidFile $dir/ssh$n/sshd.pid
PasswordAuthentication yes
KbdInteractiveAuthentication no
PubkeyAuthentication no
UsePAM no
PermitRootLogin no
StrictModes no
MaxAuthTries 10
LogLevel ERROR
CONF
    unshare --mount --propagation private /bin/sh -c \
      'mount --bind "$1/passwd" /etc/passwd && mount --bind "$1/shadow" /etc/shadow &&
       exec /usr/sbin/sshd -D -e -f "$1/sshd_config"' sh "$dir/ssh$n" >"$dir/ssh$n/sshd.log" 2>&1 &
    LAB_PIDS+=($!)
  done
  lab_wait_tcp 127.0.0.21 1883 && lab_wait_tcp 127.0.0.22 1883 && lab_wait_tcp 127.0.0.25 18080 &&
    lab_wait_tcp 127.0.0.26 18080 && lab_wait_tcp 127.0.0.27 12121 && lab_wait_tcp 127.0.0.28 12121 &&
    lab_wait_tcp 127.0.0.29 2222 && lab_wait_tcp 127.0.0.30 2222 || return 1
  for n in 23 24; do  # snmpd logs its version once its UDP port is bound
    for _ in $(seq 200); do
      grep -q "NET-SNMP version" "$dir/snmp$n.log" 2>/dev/null && break
      sleep 0.05
    done
    grep -q "NET-SNMP version" "$dir/snmp$n.log" || { echo "lab: snmpd on 127.0.0.$n did not start" >&2; return 1; }
  done

  LAB_VENDOR_CREDENTIALS=$dir/vendor-credentials.yaml
  cat >"$LAB_VENDOR_CREDENTIALS" <<'YAML'
format: etguard.iot-credentials
credentials:
  - {service: ftp, user: svc, password: cam-default-7391}
YAML
  LAB_REGISTER=$dir/lab-register.yaml
  local updated
  updated=$(date -u -d '30 days ago' +%F)
  {
    printf 'format: etguard.registers\nformat_version: "1.0"\nprofile:\n  name: 測試證券股份有限公司\n  sector: securities\nregisters:\n  iot:\n'
    local row
    for row in "mqtt-open 21 1883 溫濕度閘道器" "mqtt-locked 22 1883 門禁閘道器" "snmp-public 23 161/udp 機房UPS" \
      "snmp-private 24 161/udp 機房空調" "http-default 25 18080 大廳攝影機" "http-changed 26 18080 金庫攝影機" \
      "ftp-default 27 12121 錄影主機" "ftp-changed 28 12121 備援錄影主機" \
      "ssh-default 29 2222 門禁控制器" "ssh-changed 30 2222 備援門禁控制器"; do
      set -- $row
      printf '    - {id: %s, name: %s, owner: 總務部, facts: {device: true}, details: {ip: 127.0.0.%s, connection: wired, ports: "%s", location: 機房}, dates: {firmware_update: %s}}\n' \
        "$1" "$4" "$2" "$3" "$updated"
    done
  } >"$LAB_REGISTER"
}

# nmap of the ten devices, as a security officer would run it (root: -sU).
scan_lab_devices() {  # OUT.xml
  nmap -n -Pn -sT -sU -sV --version-light -T4 -p T:1883,18080,12121,2222,U:161 "${LAB_ADDRESSES[@]}" \
    -oX "$1" >/dev/null
}

stop_lab_devices() {
  local pid
  for pid in "${LAB_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait "${LAB_PIDS[@]}" 2>/dev/null || true
}

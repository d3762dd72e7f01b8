#!/usr/bin/env bash
# Makes sure the real services the tests need are up on this machine: MariaDB on 127.0.0.1:3306
# (root, empty password, database `test`) and PostgreSQL on 127.0.0.1:5432 (trust, database
# `test`). Starts them when stopped and installs them from Debian's packages when missing.
# Kafka and Flink need nothing here: the tests start them from Maven jars.
set -euo pipefail

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_port() {
  for _ in $(seq 1 60); do
    port_open "$1" && return 0
    sleep 1
  done
  echo "services: nothing listens on 127.0.0.1:$1 after 60 s" >&2
  return 1
}

apt_updated=false
apt_install() {
  if [ "$apt_updated" = false ]; then
    apt-get update -qq
    apt_updated=true
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_mariadb() {
  if ! port_open 3306; then
    command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server
    mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd
    wait_port 3306
  fi
  mariadb -uroot -h127.0.0.1 -e "CREATE DATABASE IF NOT EXISTS test" 2>/dev/null \
    || mariadb -uroot -e "CREATE DATABASE IF NOT EXISTS test"
}

ensure_postgres() {
  if ! port_open 5432; then
    ls /etc/postgresql >/dev/null 2>&1 || apt_install postgresql
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
    wait_port 5432
  fi
  psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='test'" | grep -q 1 \
    || psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test"
}

ensure_mariadb
ensure_postgres
echo "services: MariaDB 127.0.0.1:3306 and PostgreSQL 127.0.0.1:5432 are up"

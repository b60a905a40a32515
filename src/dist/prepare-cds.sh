#!/bin/sh
# Prepares a faster-starting copy of Kontor: the jar extracted (Spring Boot's "-Djarmode=tools extract") and a
# class-data sharing archive from one training run that exits right after the application context is ready.
# A start with the archive maps the classes it lists instead of loading and verifying them from the jar: about half
# the CPU time of a start (docs/benchmark.md). Run it again after every upgrade and with the JDK that runs Kontor;
# a JVM that finds the archive out of date ignores it and starts the slow way.
#
#   src/dist/prepare-cds.sh target/kontor-0.1.0-SNAPSHOT.jar /opt/kontor/app
#   java -XX:SharedArchiveFile=/opt/kontor/app/kontor.jsa -Xmx512m -jar /opt/kontor/app/kontor-0.1.0-SNAPSHOT.jar
#
# The training run uses a throw-away embedded PostgreSQL, never the database of SPRING_DATASOURCE_URL.
set -eu
if [ $# -ne 2 ]; then
  echo "usage: $0 <kontor jar> <folder for the extracted application>" >&2
  exit 2
fi
jar=$1
dest=$2
java=${JAVA:-java}
if [ -e "$dest" ] && [ -n "$(ls -A "$dest")" ] && [ ! -f "$dest/kontor.jsa" ]; then
  echo "$dest is not empty and holds no earlier extraction: choose an empty folder" >&2
  exit 2
fi
rm -rf "$dest/lib" "$dest/kontor.jsa"
"$java" -Djarmode=tools -jar "$jar" extract --force --destination "$dest"
app="$dest/$(basename "$jar")"
train=$(mktemp -d)
status=0
env -u SPRING_DATASOURCE_URL -u SPRING_DATASOURCE_USERNAME -u SPRING_DATASOURCE_PASSWORD \
  KONTOR_DATA_DIR="$train" KONTOR_PORT=0 KONTOR_DEMO=false \
  "$java" -XX:ArchiveClassesAtExit="$dest/kontor.jsa" -Dspring.context.exit=onRefresh -jar "$app" \
  > "$dest/training.log" 2>&1 || status=$?
# The training JVM exits without closing the context, so its PostgreSQL keeps running: stop it (fast shutdown).
if [ -f "$train/pg/postmaster.pid" ]; then
  pid=$(head -n 1 "$train/pg/postmaster.pid")
  if kill -INT "$pid" 2>/dev/null; then
    while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  fi
fi
rm -rf "$train"
if [ "$status" -ne 0 ] || [ ! -s "$dest/kontor.jsa" ]; then
  echo "training run failed (exit $status); see $dest/training.log" >&2
  exit 1
fi
echo "Start Kontor with: $java -XX:SharedArchiveFile=$dest/kontor.jsa <heap options> -jar $app"

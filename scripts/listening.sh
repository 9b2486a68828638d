# Sourced by the test scripts. `listening_on FILE` waits up to 5 s for a
# server started with its output in FILE to print "listening on ADDRESS"
# (the emulator and request-per-connection-proxy.mjs do, once they
# accept), then prints ADDRESS; nothing if the line never came.
listening_on() {
  for _ in $(seq 50); do grep -q '^listening on ' "$1" && break; sleep 0.1; done
  sed -n 's/^listening on //p' "$1" | head -n 1
}

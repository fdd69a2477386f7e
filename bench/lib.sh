# Shared by the bench scripts (sourced, not run).
# bench_token DIR GROUPS: makes a throw-away RSA key pair in DIR (private.pem, public.pem) and prints one RS256 bearer
# token (iss=bench, sub=bench, 1 h) whose groups claim is GROUPS, a JSON array such as '["theme-viewer"]'.
# The service accepts it with MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:DIR/public.pem and MP_JWT_VERIFY_ISSUER=bench.
bench_token() {
    local dir="$1" groups="$2" now header payload sig
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/private.pem" 2>/dev/null
    openssl pkey -in "$dir/private.pem" -pubout -out "$dir/public.pem"
    now=$(date +%s)
    header=$(printf '{"alg":"RS256","typ":"JWT"}' | _b64url)
    payload=$(printf '{"iss":"bench","sub":"bench","upn":"bench","groups":%s,"iat":%d,"exp":%d}' \
        "$groups" "$now" $((now + 3600)) | _b64url)
    sig=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -sign "$dir/private.pem" -binary | _b64url)
    printf '%s.%s.%s' "$header" "$payload" "$sig"
}

_b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

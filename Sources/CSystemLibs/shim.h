// zlib for .jsonl.gz import, libcrypto's EVP digest for SHA-256.
#include <zlib.h>
#include <openssl/evp.h>

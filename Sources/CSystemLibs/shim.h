// zlib for .jsonl.gz import, libcrypto's SHA-256.
// SHA256_Init/Update/Final are deprecated in OpenSSL 3 in favour of EVP, whose context is allocated and looked
// up through the provider on every init: a third of the hashing time for import's million small item hashes.
// The low-level functions take a context on the stack and use the same hardware instructions.
#define OPENSSL_SUPPRESS_DEPRECATED 1
#include <zlib.h>
#include <openssl/sha.h>

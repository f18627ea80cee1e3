// etauth's hot paths (bench/run-etauth.sh runs this next to `openssl speed`):
//   the replay guard (goal: 5 M checks/s per core),
//   one password verification split into its parts — NFKC, Argon2id with the
//   OWASP parameters, the HMAC pepper in the PKCS#11 device — to show that
//   Argon2 dominates.
// The device is used when ETAUTH_BENCH_PKCS11_URI (and _PIN) name one.
#include <benchmark/benchmark.h>

#include <cstdlib>

#include "etauth/crypto.h"
#include "etauth/envelope.h"
#include "etauth/password.h"
#include "etauth/pkcs11_hsm.h"
#include "etauth/replay_guard.h"

namespace {

void replay_guard_check(benchmark::State& state) {
  etauth::ReplayGuard guard;
  const auto channels = static_cast<std::uint64_t>(state.range(0));
  std::uint64_t sequence = 0;
  std::int64_t now = 1'800'000'000'000;
  for (auto _ : state) {
    ++sequence;
    benchmark::DoNotOptimize(guard.check(sequence % channels, sequence, now, now));
    now += (sequence & 0xFFFU) == 0 ? 1 : 0;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(replay_guard_check)->Arg(1'000)->Arg(100'000);

void password_nfkc(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(etauth::normalize_password("ｔｒａｄｅ-Bridge-2026"));
  }
}
BENCHMARK(password_nfkc);

void password_argon2id_owasp(benchmark::State& state) {
  const std::string password = "trade-Bridge-2026";
  const etauth::Bytes salt(16, 7);
  const auto bytes =
      std::span(reinterpret_cast<const std::uint8_t*>(password.data()), password.size());
  for (auto _ : state) {
    benchmark::DoNotOptimize(etauth::argon2id(bytes, salt, etauth::Argon2Params{}));
  }
}
BENCHMARK(password_argon2id_owasp)->Unit(benchmark::kMillisecond);

std::unique_ptr<etauth::Pkcs11Hsm> device() {
  const char* uri = std::getenv("ETAUTH_BENCH_PKCS11_URI");
  const char* pin = std::getenv("ETAUTH_BENCH_PKCS11_PIN");
  if (uri == nullptr || pin == nullptr) {
    return nullptr;
  }
  auto opened = etauth::Pkcs11Hsm::open(uri, pin);
  if (!opened) {
    return nullptr;
  }
  // The key may exist from an earlier run; anything else means no device.
  const auto made = (*opened)->generate_pepper_key("bench-pepper");
  if (!made && made.error().code != etauth::Errc::kInvalidArgument) {
    return nullptr;
  }
  return std::move(*opened);
}

void password_pepper_in_device(benchmark::State& state) {
  auto hsm = device();
  if (!hsm) {
    state.SkipWithError("no PKCS#11 device (set ETAUTH_BENCH_PKCS11_URI and _PIN)");
    return;
  }
  const etauth::Bytes stretched(32, 9);
  for (auto _ : state) {
    benchmark::DoNotOptimize(hsm->hmac_sha256("bench-pepper", stretched));
  }
}
BENCHMARK(password_pepper_in_device)->Unit(benchmark::kMicrosecond);

void password_verify_whole(benchmark::State& state) {
  auto hsm = device();
  if (!hsm) {
    state.SkipWithError("no PKCS#11 device (set ETAUTH_BENCH_PKCS11_URI and _PIN)");
    return;
  }
  etauth::SystemRandom random;
  auto hasher =
      etauth::PasswordHasher::create(*hsm, random, etauth::Argon2Params{}, "bench-pepper");
  const std::string record = hasher->hash("trade-Bridge-2026").value();
  for (auto _ : state) {
    benchmark::DoNotOptimize(hasher->verify("trade-Bridge-2026", record));
  }
}
BENCHMARK(password_verify_whole)->Unit(benchmark::kMillisecond);

// Seal and open: AES-256-GCM with a prepared key, as `openssl speed -evp aes-256-gcm`.
void gcm_seal(benchmark::State& state) {
  auto key = etauth::GcmKey::create(etauth::Bytes(32, 1)).value();
  const etauth::Bytes iv(12, 2);
  const etauth::Bytes plaintext(static_cast<std::size_t>(state.range(0)), 3);
  etauth::Bytes out;
  out.reserve(plaintext.size() + 16);
  for (auto _ : state) {
    out.clear();
    benchmark::DoNotOptimize(key.seal(iv, {}, plaintext, out));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(gcm_seal)->Arg(1024)->Arg(16384);

void gcm_open(benchmark::State& state) {
  auto key = etauth::GcmKey::create(etauth::Bytes(32, 1)).value();
  const etauth::Bytes iv(12, 2);
  etauth::Bytes sealed;
  (void)key.seal(iv, {}, etauth::Bytes(static_cast<std::size_t>(state.range(0)), 3), sealed);
  etauth::Bytes out;
  out.reserve(sealed.size());
  for (auto _ : state) {
    out.clear();
    benchmark::DoNotOptimize(key.open(iv, {}, sealed, out));
  }
  state.SetBytesProcessed(state.iterations() * state.range(0));
}
BENCHMARK(gcm_open)->Arg(1024)->Arg(16384);

// A whole envelope of a 256-byte order: header, random nonce, seal.
void envelope_seal(benchmark::State& state) {
  auto key = etauth::GcmKey::create(etauth::Bytes(32, 1)).value();
  etauth::SystemRandom random;
  const etauth::Bytes order(256, 4);
  std::uint64_t sequence = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        etauth::seal_envelope(key, {"session-1", 7, ++sequence, {}, 0}, order, random));
  }
}
BENCHMARK(envelope_seal);

void sign(benchmark::State& state, etauth::SignatureScheme scheme, bool ec) {
  auto key = ec ? etauth::PrivateKey::generate_p256().value()
                : etauth::PrivateKey::generate_rsa(2048).value();
  const etauth::Bytes message(32, 5);
  for (auto _ : state) {
    benchmark::DoNotOptimize(key.sign(scheme, message));
  }
  state.SetItemsProcessed(state.iterations());
}

void verify(benchmark::State& state, etauth::SignatureScheme scheme, bool ec) {
  auto key = ec ? etauth::PrivateKey::generate_p256().value()
                : etauth::PrivateKey::generate_rsa(2048).value();
  const auto public_key = etauth::PublicKey::from_der(key.public_der().value()).value();
  const etauth::Bytes message(32, 5);
  const etauth::Bytes signature = key.sign(scheme, message).value();
  for (auto _ : state) {
    benchmark::DoNotOptimize(public_key.verify(scheme, message, signature));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK_CAPTURE(sign, ecdsa_p256, etauth::SignatureScheme::kEcdsaP256Sha256, true);
BENCHMARK_CAPTURE(verify, ecdsa_p256, etauth::SignatureScheme::kEcdsaP256Sha256, true);
BENCHMARK_CAPTURE(sign, rsa_pss_2048, etauth::SignatureScheme::kRsaPssSha256, false);
BENCHMARK_CAPTURE(verify, rsa_pss_2048, etauth::SignatureScheme::kRsaPssSha256, false);

}  // namespace

BENCHMARK_MAIN();

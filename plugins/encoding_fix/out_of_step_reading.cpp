#include "out_of_step_reading.hpp"

#include "pair_table.hpp"

namespace gongwen::encoding_fix {

namespace {

// score_either() kept as the float the table holds it in (exactly, so that sums come out as
// the converter's path makes them); > 0 where the character carries no evidence.
float either_score(const CharFrequency& frequency, char32_t c) {
    const auto s = frequency.score_either(c);
    return s ? float(*s) : 1.0f;
}

}  // namespace

void OutOfStepReading::start_line(std::size_t from, std::size_t to) {
    from_ = from;
    length_ = to - from;
    slots_.clear();  // sized on the line's first probe: most lines get none
}

OutOfStepReading::Slot* OutOfStepReading::slot(Charset& charset, const PairTable& table,
                                               const CharFrequency& frequency, std::size_t at,
                                               char32_t shown) {
    if (at < from_ || at - from_ >= length_) return nullptr;
    if (slots_.empty()) slots_.resize(length_);
    Slot& x = slots_[at - from_];
    if (x.shown == 0) {
        x.shown = shown;
        x.bytes = charset.pair_bytes(shown);
        if (x.bytes) {
            x.in_step = table.pair(static_cast<unsigned char>(x.bytes >> 8),
                                   static_cast<unsigned char>(x.bytes & 0xFF));
            if (x.in_step < 0x10000) x.in_step_score = either_score(frequency, x.in_step);
        }
    } else if (x.shown != shown) {
        return nullptr;  // the stretch shows this character otherwise (a widened letter)
    }
    return x.bytes ? &x : nullptr;
}

std::optional<OutOfStepReading::Probe> OutOfStepReading::read(Charset& charset,
                                                              const CharFrequency& frequency,
                                                              std::size_t s,
                                                              std::u32string_view shown) {
    const PairTable* table = charset.pair_table();
    if (!table || shown.empty()) return std::nullopt;
    Probe out;
    // The last character read is held back: the caller drops it.
    bool pending = false;
    char32_t pending_char = 0;
    float pending_score = 1.0f;
    const auto emit = [&](char32_t c, float score) {
        if (pending) {
            out.flawed |= pending_char < 0x20 && pending_char != '\t';
            if (pending_score <= 0.0f) out.after.sum += double(pending_score), ++out.after.scored;
        }
        pending = true;
        pending_char = c;
        pending_score = score;
    };
    const std::size_t n = shown.size();
    std::size_t k = 0;
    bool at_second_byte = true;  // the reading starts one byte into the first character
    while (true) {
        if (!at_second_byte) {
            if (k == n) break;  // every byte read: the last character is dropped
            Slot* a = slot(charset, *table, frequency, s + k, shown[k]);
            if (!a) return std::nullopt;
            const auto lead = static_cast<unsigned char>(a->bytes >> 8);
            if (const char32_t c = table->single(lead); c != PairTable::unknown) {
                if (c >= 0x10000) return std::nullopt;
                emit(c, either_score(frequency, c));
                at_second_byte = true;
                continue;
            }
            if (lead < 0x80 || a->in_step == PairTable::unknown || a->in_step >= 0x10000)
                return std::nullopt;
            emit(a->in_step, a->in_step_score);
            ++k;
            continue;
        }
        Slot* a = slot(charset, *table, frequency, s + k, shown[k]);
        if (!a) return std::nullopt;
        const auto trail = static_cast<unsigned char>(a->bytes & 0xFF);
        if (const char32_t c = table->single(trail); c != PairTable::unknown) {
            // A single-byte character: the decoder is back in step from the next character.
            if (c >= 0x10000) return std::nullopt;
            emit(c, either_score(frequency, c));
            ++k;
            at_second_byte = false;
            continue;
        }
        if (trail < 0x80) return std::nullopt;
        if (k + 1 == n) {
            // One byte left: ICU makes a broken character of it, and that one is dropped.
            emit(0, 1.0f);
            break;
        }
        Slot* next = slot(charset, *table, frequency, s + k + 1, shown[k + 1]);
        if (!next) return std::nullopt;
        if (!a->out_known) {
            a->out_known = true;
            a->out_of_step = table->pair(trail, static_cast<unsigned char>(next->bytes >> 8));
            if (a->out_of_step < 0x10000)
                a->out_of_step_score = either_score(frequency, a->out_of_step);
        }
        if (a->out_of_step == PairTable::unknown || a->out_of_step >= 0x10000) return std::nullopt;
        emit(a->out_of_step, a->out_of_step_score);
        ++k;
    }
    return out;
}

}  // namespace gongwen::encoding_fix

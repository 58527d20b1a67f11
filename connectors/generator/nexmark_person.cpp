#include "connectors/generator/nexmark_person.h"

#include <string_view>

#include "connectors/generator/column_fill.h"

namespace eddy::connectors::nexmark {

namespace {

constexpr std::string_view kFirstNames[] = {"Peter", "Paul",  "Luke",  "John",   "Saul",  "Vicky",
                                            "Kate",  "Julie", "Sarah", "Deiter", "Walter"};
constexpr std::string_view kLastNames[] = {"Shultz", "Abrams", "Spencer", "White", "Bartels",
                                           "Walton", "Smith",  "Jones",   "Noris"};
constexpr std::string_view kCities[] = {"Phoenix", "Los Angeles", "San Francisco", "Boise",   "Portland",
                                        "Bend",    "Redmond",     "Seattle",       "Kent",    "Cheyenne"};
constexpr std::string_view kStates[] = {"AZ", "CA", "ID", "OR", "WA", "WY"};

// Each field's draws (EventDraws indexes).
enum Draw : uint64_t { kFirstName, kLastName, kEmail, kCreditCard, kCity, kState };

template <size_t N>
std::string_view pick(const std::string_view (&list)[N], uint64_t draw) {
  return list[below(draw, N)];
}

void write_credit_card(uint64_t draw, std::string& out) {
  // Four groups of four digits, "dddd dddd dddd dddd", as Beam's String.format("%04d").
  DrawStream draws(draw);
  char text[19];
  for (int group = 0; group < 4; ++group) {
    uint64_t value = below(draws.next(), 10000);
    char* digits = text + group * 5;
    for (int i = 3; i >= 0; --i, value /= 10) digits[i] = static_cast<char>('0' + value % 10);
    if (group < 3) digits[4] = ' ';
  }
  out.assign(text, sizeof text);
}

}  // namespace

void fill_person_column(PersonField field, const std::vector<uint64_t>& events, const Params& params, Column& out) {
  const uint64_t key = params.seed_key;
  switch (field) {
    case PersonField::Id:
      fill_ints(out, events, [](uint64_t n) { return last_base0_person_id(n) + kFirstPersonId; });
      return;
    case PersonField::Name:
      fill_strings(out, events, [key](uint64_t n, std::string& s) {
        const EventDraws d(key, n);
        s.append(pick(kFirstNames, d.draw(kFirstName))).append(" ").append(pick(kLastNames, d.draw(kLastName)));
      });
      return;
    case PersonField::EmailAddress:
      fill_strings(out, events, [key](uint64_t n, std::string& s) {
        DrawStream draws(EventDraws(key, n).draw(kEmail));
        append_random_text(draws, 7, s);
        s.push_back('@');
        append_random_text(draws, 5, s);
        s.append(".com");
      });
      return;
    case PersonField::CreditCard:
      fill_strings(out, events,
                   [key](uint64_t n, std::string& s) { write_credit_card(EventDraws(key, n).draw(kCreditCard), s); });
      return;
    case PersonField::City:
      fill_strings(out, events,
                   [key](uint64_t n, std::string& s) { s.assign(pick(kCities, EventDraws(key, n).draw(kCity))); });
      return;
    case PersonField::State:
      fill_strings(out, events,
                   [key](uint64_t n, std::string& s) { s.assign(pick(kStates, EventDraws(key, n).draw(kState))); });
      return;
    case PersonField::DateTime:
      fill_ints(out, events, [rate = params.event_rate](uint64_t n) { return event_time_micros(n, rate); });
      return;
    case PersonField::Extra:
      fill_strings(out, events, [](uint64_t, std::string&) {});
      return;
  }
}

}  // namespace eddy::connectors::nexmark

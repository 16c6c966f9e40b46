# Generates a small FEBRL-style data set (English schema) with known duplicates:
#   awk -f make_data.awk > records.csv   (truth.csv is written beside it)
# 150 people; one in two has one or two duplicates with a typo, a swapped digit, a missing
# field or an abbreviated street. Deterministic (fixed seed).
function pick(arr, n) { return arr[int(rand() * n) + 1] }
function typo(s,   i) { if (length(s) < 3) return s; i = int(rand() * (length(s) - 1)) + 1;
  return substr(s, 1, i - 1) substr(s, i + 1, 1) substr(s, i, 1) substr(s, i + 2) }
BEGIN {
  srand(42); OFS = ","
  n1 = split("james mary john patricia robert jennifer michael linda william elizabeth david barbara richard susan joseph jessica thomas sarah charles karen", given, " ")
  n2 = split("smith johnson williams brown jones garcia miller davis rodriguez martinez hernandez lopez gonzalez wilson anderson thomas taylor moore jackson martin", surname, " ")
  n3 = split("main high park oak pine maple cedar elm view lake hill church", street, " ")
  n4 = split("street road avenue lane", stype, " ")
  n5 = split("sydney:2000:nsw melbourne:3000:vic brisbane:4000:qld perth:6000:wa adelaide:5000:sa hobart:7000:tas canberra:2600:act darwin:0800:nt", town, " ")
  print "rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id"
  print "rec_id,person_id" > "truth.csv"
  id = 0
  for (p = 1; p <= 150; p++) {
    g = pick(given, n1); s = pick(surname, n2); num = int(rand() * 200) + 1
    a1 = pick(street, n3) " " pick(stype, n4); a2 = (rand() < 0.2) ? "unit " int(rand() * 20 + 1) : ""
    split(pick(town, n5), t, ":"); dob = sprintf("19%02d%02d%02d", int(rand() * 80 + 20), int(rand() * 12 + 1), int(rand() * 28 + 1))
    ssn = sprintf("%07d", int(rand() * 9999999))
    copies = (rand() < 0.5) ? 1 + int(rand() * 2) : 0
    for (c = 0; c <= copies; c++) {
      gg = g; ss = s; nn = num; aa = a1; dd = dob; sn = ssn; town_name = t[1]; pc = t[2]
      if (c > 0) {
        r = rand()
        if (r < 0.25) gg = typo(gg); else if (r < 0.45) ss = typo(ss); else if (r < 0.6) dd = ""
        else if (r < 0.75) { gsub(/street/, "st", aa); gsub(/road/, "rd", aa) } else if (r < 0.9) sn = ""
        else nn = nn + 1
      }
      id++
      printf "rec-%d-%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s\n", id, (c == 0 ? "org" : "dup-" c), gg, ss, nn, aa, a2, town_name, pc, t[3], dd, sn
      printf "rec-%d-%s,p%d\n", id, (c == 0 ? "org" : "dup-" c), p > "truth.csv"
    }
  }
}

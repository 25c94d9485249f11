#!/usr/bin/env bash
# Dựng lại toàn bộ ví dụ trong examples/ (không sửa tay các tệp trong examples/output/).
# Chạy bằng: make examples
set -euo pipefail
cd "$(dirname "$0")/.."
NQ=.venv/bin/nqgen
OUT=examples/output
rm -rf "$OUT" && mkdir -p "$OUT"/secretary "$OUT"/party-office "$OUT"/trainer "$OUT"/after-issue

run() {  # ghi lệnh và kết quả của nó vào một tệp nhật ký
  local log=$1; shift
  { echo "\$ nqgen ${*}"; "$NQ" "$@" 2>&1; echo; } >> "$log"
}

# 1. Cán bộ văn phòng xã: tạo hồ sơ và kế hoạch không cần tương tác, rồi soạn lại từ kế hoạch YAML.
log="$OUT/secretary/commands.txt"
run "$log" new --province "Quảng Ngãi" --commune "Xốp" --defaults -o "$OUT/secretary"
run "$log" plan profiles/xop.yaml -o "$OUT/secretary/xop.plan.yaml" --force
run "$log" render "$OUT/secretary/xop.plan.yaml" -o "$OUT/secretary/xop.docx" --force
run "$log" render profiles/xop.yaml --type annual -o "$OUT/secretary/xop-cds-2027.docx" --force
"$NQ" trace profiles/xop.yaml --format csv > "$OUT/secretary/xop-trace.csv"

# 2. Văn phòng Đảng ủy: Kế hoạch hành động (KH/ĐU) và Kế hoạch của UBND cùng lúc.
log="$OUT/party-office/commands.txt"
run "$log" render profiles/tan-khanh.yaml --kind kh-du -o "$OUT/party-office/tan-khanh-kh-du.docx" --force
run "$log" render profiles/xop.yaml --kind both -o "$OUT/party-office/xop.docx" --force
run "$log" check "$OUT/party-office/tan-khanh-kh-du.docx" "$OUT/party-office/xop-kh-du.docx"

# 3. Giảng viên, tập huấn: kế hoạch mẫu cho mọi xã, phường của một tỉnh; độ bao phủ thư viện.
log="$OUT/trainer/commands.txt"
run "$log" batch --province "Thái Nguyên" -o "$OUT/trainer/plans" -j 2 --force
find "$OUT/trainer/plans" -name '*.docx' | sort | sed -n 1,5p > "$OUT/trainer/some-files.txt"
rm -rf "$OUT/trainer/plans"   # 92 tệp DOCX: không lưu vào kho, chỉ giữ nhật ký
run "$log" coverage ../shared/seeds/000_1530d8f0a513365f.txt ../shared/seeds/003_c25c8dd93d6926f9.txt
# 4. Sau khi ban hành: sổ theo dõi, lịch, báo cáo 6 tháng đầu năm.
log="$OUT/after-issue/commands.txt"
A="$OUT/after-issue"
run "$log" plan profiles/xop.yaml -o "$A/xop.plan.yaml" --force
# Kế hoạch đã ký: văn phòng ghi số và ngày ban hành vào kế hoạch (sửa hai dòng number, day).
sed -i -e 's/^number: null$/number: "15"/' -e '/^date:$/,/^  day:/ s/^  day: null$/  day: 12/' \
  "$A/xop.plan.yaml"
run "$log" track "$A/xop.plan.yaml" -o "$A/xop-theo-doi.xlsx" --ics --force
# Văn phòng điền sổ trong Excel; ở đây tệp fill_register.py điền thay.
.venv/bin/python examples/fill_register.py "$A/xop-theo-doi.xlsx" "$A/xop-theo-doi-da-dien.xlsx"
run "$log" report "$A/xop.plan.yaml" --tracking "$A/xop-theo-doi-da-dien.xlsx" \
  --period "6 tháng đầu năm 2026" -o "$A/xop-bao-cao-6-thang-2026.docx" --force
run "$log" check "$A/xop-bao-cao-6-thang-2026.docx"
echo "Đã dựng lại ví dụ trong $OUT"

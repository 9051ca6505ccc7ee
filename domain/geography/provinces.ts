/**
 * Vietnam's 34 provincial-level units in force since 1 July 2025, with their codes
 * from Decision 19/2025/QĐ-TTg and the number of communes (wards and communes) each has.
 * The communes themselves are generated for the demo (see geography.ts); real ones
 * come in by import.
 */
export interface ProvinceRecord {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
  readonly kind: 'city' | 'province';
  readonly communes: number;
}

export const PROVINCES: readonly ProvinceRecord[] = [
  { code: '01', name: 'Thành phố Hà Nội', nameEn: 'Ha Noi', kind: 'city', communes: 126 },
  { code: '04', name: 'Tỉnh Cao Bằng', nameEn: 'Cao Bang', kind: 'province', communes: 56 },
  { code: '08', name: 'Tỉnh Tuyên Quang', nameEn: 'Tuyen Quang', kind: 'province', communes: 124 },
  { code: '11', name: 'Tỉnh Điện Biên', nameEn: 'Dien Bien', kind: 'province', communes: 45 },
  { code: '12', name: 'Tỉnh Lai Châu', nameEn: 'Lai Chau', kind: 'province', communes: 38 },
  { code: '14', name: 'Tỉnh Sơn La', nameEn: 'Son La', kind: 'province', communes: 75 },
  { code: '15', name: 'Tỉnh Lào Cai', nameEn: 'Lao Cai', kind: 'province', communes: 99 },
  { code: '19', name: 'Tỉnh Thái Nguyên', nameEn: 'Thai Nguyen', kind: 'province', communes: 92 },
  { code: '20', name: 'Tỉnh Lạng Sơn', nameEn: 'Lang Son', kind: 'province', communes: 65 },
  { code: '22', name: 'Tỉnh Quảng Ninh', nameEn: 'Quang Ninh', kind: 'province', communes: 54 },
  { code: '24', name: 'Tỉnh Bắc Ninh', nameEn: 'Bac Ninh', kind: 'province', communes: 99 },
  { code: '25', name: 'Tỉnh Phú Thọ', nameEn: 'Phu Tho', kind: 'province', communes: 148 },
  { code: '31', name: 'Thành phố Hải Phòng', nameEn: 'Hai Phong', kind: 'city', communes: 114 },
  { code: '33', name: 'Tỉnh Hưng Yên', nameEn: 'Hung Yen', kind: 'province', communes: 104 },
  { code: '37', name: 'Tỉnh Ninh Bình', nameEn: 'Ninh Binh', kind: 'province', communes: 129 },
  { code: '38', name: 'Tỉnh Thanh Hóa', nameEn: 'Thanh Hoa', kind: 'province', communes: 166 },
  { code: '40', name: 'Tỉnh Nghệ An', nameEn: 'Nghe An', kind: 'province', communes: 130 },
  { code: '42', name: 'Tỉnh Hà Tĩnh', nameEn: 'Ha Tinh', kind: 'province', communes: 69 },
  { code: '44', name: 'Tỉnh Quảng Trị', nameEn: 'Quang Tri', kind: 'province', communes: 78 },
  { code: '46', name: 'Thành phố Huế', nameEn: 'Hue', kind: 'city', communes: 40 },
  { code: '48', name: 'Thành phố Đà Nẵng', nameEn: 'Da Nang', kind: 'city', communes: 94 },
  { code: '51', name: 'Tỉnh Quảng Ngãi', nameEn: 'Quang Ngai', kind: 'province', communes: 96 },
  { code: '52', name: 'Tỉnh Gia Lai', nameEn: 'Gia Lai', kind: 'province', communes: 135 },
  { code: '56', name: 'Tỉnh Khánh Hòa', nameEn: 'Khanh Hoa', kind: 'province', communes: 65 },
  { code: '66', name: 'Tỉnh Đắk Lắk', nameEn: 'Dak Lak', kind: 'province', communes: 102 },
  { code: '68', name: 'Tỉnh Lâm Đồng', nameEn: 'Lam Dong', kind: 'province', communes: 124 },
  { code: '75', name: 'Tỉnh Đồng Nai', nameEn: 'Dong Nai', kind: 'province', communes: 95 },
  { code: '79', name: 'Thành phố Hồ Chí Minh', nameEn: 'Ho Chi Minh City', kind: 'city', communes: 168 },
  { code: '80', name: 'Tỉnh Tây Ninh', nameEn: 'Tay Ninh', kind: 'province', communes: 96 },
  { code: '82', name: 'Tỉnh Đồng Tháp', nameEn: 'Dong Thap', kind: 'province', communes: 102 },
  { code: '86', name: 'Tỉnh Vĩnh Long', nameEn: 'Vinh Long', kind: 'province', communes: 124 },
  { code: '91', name: 'Tỉnh An Giang', nameEn: 'An Giang', kind: 'province', communes: 102 },
  { code: '92', name: 'Thành phố Cần Thơ', nameEn: 'Can Tho', kind: 'city', communes: 103 },
  { code: '96', name: 'Tỉnh Cà Mau', nameEn: 'Ca Mau', kind: 'province', communes: 64 },
];

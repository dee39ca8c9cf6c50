//! Arabic (Modern Standard Arabic), written right to left. Each pair is
//! (English as the code writes it, Arabic); counts give the six CLDR forms
//! "zero|one|two|few|many|other".

/// English to Arabic.
pub static CATALOG: &[(&str, &str)] = &[
    ("Save entry", "حفظ الإدخال"),
    ("Saved {when}", "حُفظ {when}"),
    (
        "{n} entry|{n} entries",
        "لا إدخالات|إدخال واحد|إدخالان|{n} إدخالات|{n} إدخالًا|{n} إدخال",
    ),
];

"""Names the benches give their generated villagers."""

SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何林高罗"
GIVEN_NAMES = (
    "建国",
    "秀英",
    "桂兰",
    "志强",
    "伟",
    "芳",
    "海燕",
    "春生",
    "小明",
    "丽娟",
    "德福",
    "玉梅",
)

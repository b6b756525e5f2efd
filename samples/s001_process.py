# -*- coding:utf-8 -*-
# @author Marvin Yang
# Process示例

from multiprocessing import Process

def multi(x, y):
    print "%s multi %s = %s" % (x, y, x*y)
    return x * y

def process_demo():
    p = Process(target=multi, args=(3, 4))
    p.start()
    p.join()
    
def multi_process_demo():
    for x in range(0, 5):
        for y in range(1, 4):
            p = Process(target=multi, args=(x, y))
            p.start()
            p.join()
    
if __name__ == "__main__":
    # 单个进程
    process_demo()
    
    # 多个进程
    multi_process_demo()
